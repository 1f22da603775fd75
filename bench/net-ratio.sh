#!/usr/bin/env bash
# Echo server CPU per request of csi-swift against the C epoll server, in alternating
# rounds: each round runs one echo test (bench/net/run.sh, REPEAT=1) on csi-swift, then on
# the C server, and takes the ratio of the two. On a noisy machine the C server's own figure
# moves by a quarter between blocks of runs; a ratio taken within a round does not see that
# drift, and the median over rounds is the figure to report (bench/net.sh runs each server
# in one block, which suits absolute numbers).
# The last line gives a bootstrap 95 % interval for the median ratio; its width shrinks
# with more rounds (200 rounds, ~8 minutes, gave about +-0.013 here).
#   usage: bench/net-ratio.sh            env: ROUNDS=30 ECHO_CONNS=100 ECHO_TOTAL=100000
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
CSI_SWIFT="${CSI_SWIFT:-$HERE/../.build/release/csi-swift}"
[ -x "$CSI_SWIFT" ] || (cd "$HERE/.." && swift build -c release --static-swift-stdlib >/dev/null) || exit 1
ROUNDS="${ROUNDS:-30}"
export TESTS=echo REPEAT=1 ECHO_CONNS="${ECHO_CONNS:-100}"
# The median srv_cpu_us/req of the last run of LABEL (its results file has one row per metric).
cpu() { awk -F'\t' '$2 == "srv_cpu_us/req" && $7 == "ok" { print $3 }' "$HERE/net/results/$1.tsv"; }
ours=(); theirs=(); ratios=()
for r in $(seq "$ROUNDS"); do
  INTERP="$CSI_SWIFT -s" LABEL=ratio-csi-swift "$HERE/net/run.sh" "$HERE/net/servers/srfi18-interp.sh" >/dev/null
  LABEL=ratio-cserver "$HERE/net/run.sh" "$HERE/net/servers/cserver.sh" >/dev/null
  a="$(cpu ratio-csi-swift)"; b="$(cpu ratio-cserver)"
  if [ -z "$a" ] || [ -z "$b" ]; then echo "round $r: a run failed (see bench/net/results/ratio-*.log)"; exit 1; fi
  ratio="$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')"
  echo "round $r: csi-swift $a us/req, C server $b us/req, ratio $ratio"
  ours+=("$a"); theirs+=("$b"); ratios+=("$ratio")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END { print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2 }'; }
echo "echo c=$ECHO_CONNS over $ROUNDS rounds: csi-swift median $(median "${ours[@]}") us/req," \
     "C server $(median "${theirs[@]}") us/req, median ratio $(median "${ratios[@]}")"
# How far the median ratio can be trusted: a bootstrap 95 % interval (resampling the rounds).
# A target such as "at most 1.2x" is met beyond the noise only if the interval's top is under it.
python3 - "${ratios[@]}" <<'PY'
import random, statistics, sys
r = [float(x) for x in sys.argv[1:]]
random.seed(1)
m = sorted(statistics.median(random.choices(r, k=len(r))) for _ in range(10000))
print(f"median ratio {statistics.median(r):.3f}, bootstrap 95 % interval [{m[250]:.3f}, {m[9749]:.3f}]")
PY
