#!/usr/bin/env bash
# Green-thread benchmarks, csi-swift and CHICKEN 5.3 csi side by side in one run.
#   usage: bench/threads.sh [RUNS]        (default 3; median time and max RSS reported)
# pingpong: 1,000,000 thread-yield! switches between two threads.
# spawn:    create, start and join 100,000 threads (1,000 alive at a time).
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
RUNS="${1:-3}"
CSI_SWIFT="${CSI_SWIFT:-$HERE/../.build/release/csi-swift}"
[ -x "$CSI_SWIFT" ] || (cd "$HERE/.." && swift build -c release --static-swift-stdlib >/dev/null)
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
measure() {  # measure LABEL CMD... -> "median_s max_kb"
  local times=() kb=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$TMP/t" "$@" > "$TMP/out" 2>/dev/null
    grep -q " ok " "$TMP/out" || { echo "FAILED: $*" >&2; cat "$TMP/out" >&2; exit 1; }
    read -r t m < "$TMP/t"; times+=("$t"); [ "$m" -gt "$kb" ] && kb="$m"
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")" "$kb"
}
printf '%-10s %12s %10s %12s %10s %8s %8s\n' program csi-swift-s csi-s csi-swift-KB csi-KB t-ratio m-ratio
for p in pingpong spawn; do
  cat "$HERE/threads/prelude-csi.scm" "$HERE/threads/$p.scm" > "$TMP/$p-csi.scm"
  read -r st sm < <(measure "$CSI_SWIFT" -s "$HERE/threads/$p.scm")
  read -r ct cm < <(measure csi -s "$TMP/$p-csi.scm")
  printf '%-10s %12s %10s %12s %10s %8.2f %8.2f\n' "$p" "$st" "$ct" "$sm" "$cm" \
    "$(echo "$st / $ct" | bc -l)" "$(echo "$sm / $cm" | bc -l)"
done
