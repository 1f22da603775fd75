#!/usr/bin/env bash
# Issue 15's system benchmarks, csi-swift and CHICKEN's csi side by side in one run:
# spawning 1,000 `true` children, read-lines of a 100 MB file, find-files over 10,000
# files. Prints the median of RUNS (default 3) wall-clock seconds per program and the ratio.
#   bench/system/run.sh [CSI-SWIFT]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SWIFT="${1:-$HERE/../../.build/release/csi-swift}"
RUNS="${RUNS:-3}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
# 100 MB of 100-byte lines; a tree of 100 directories of 100 files.
python3 - "$WORK" <<'PY'
import os, sys
w = sys.argv[1]
line = ("x" * 99 + "\n").encode()
with open(os.path.join(w, "big.txt"), "wb") as f:
    f.write(line * 1_000_000)
for d in range(100):
    os.makedirs(os.path.join(w, "tree", "d%03d" % d))
    for n in range(100):
        open(os.path.join(w, "tree", "d%03d" % d, "f%03d" % n), "w").close()
PY
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
printf "%-12s %10s %10s %8s\n" program csi-swift csi ratio
for case in "spawn.scm" "read-lines.scm $WORK/big.txt" "find-files.scm $WORK/tree"; do
  set -- $case
  a=""; b=""
  for _ in $(seq "$RUNS"); do   # alternate the two interpreters
    a+="$(timeit "$SWIFT" -s "$HERE/$1" "${@:2}")"$'\n'
    b+="$(timeit csi -s "$HERE/$1" "${@:2}")"$'\n'
  done
  ma=$(printf "%s" "$a" | median); mb=$(printf "%s" "$b" | median)
  printf "%-12s %10.3f %10.3f %8.2f\n" "${1%.scm}" "$ma" "$mb" "$(echo "$ma / $mb" | bc -l)"
done
