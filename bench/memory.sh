#!/usr/bin/env bash
# Peak memory while a loop makes short-lived reference cycles through one kind of container:
# for every kind, the peak must stay flat between 200,000 and 2,000,000 iterations
# (target: ratio <= 1.1). One row per kind.
#   usage: bench/memory.sh [path/to/csi-swift]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../.build/release/csi-swift}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# name | expression making one garbage cycle from i
kinds=(
  "pair|(let ((l (list i i))) (set-cdr! (cdr l) l))"
  "vector|(let ((v (make-vector 2 i))) (vector-set! v 0 v))"
  "record|(let ((n (make-node #f))) (set-node-next! n n))"
  "closure|(let ((self #f)) (set! self (lambda () (cons i self))))"
  "promise|(letrec ((p (delay (list i p)))) (force p))"
  "parameter|(let ((p (make-parameter #f))) (p p))"
  "continuation|(call/cc (lambda (k) (let ((l (list k i))) (set-cdr! (cdr l) l))))"
  "hash-table|(let ((h (make-hash-table))) (hash-table-set! h i h))"
  "thread-specific|(let ((t (make-thread (lambda () i)))) (thread-specific-set! t t))"
  "mutex-specific|(let ((m (make-mutex))) (mutex-specific-set! m m))"
  "condvar-specific|(let ((c (make-condition-variable))) (condition-variable-specific-set! c c))"
)
printf '%-18s %12s %12s %7s\n' kind "2e5 KB" "2e6 KB" ratio
for row in "${kinds[@]}"; do
  name="${row%%|*}"; expr="${row#*|}"
  for n in 200000 2000000; do
    cat > "$tmp/m.scm" <<SCM
(define-record-type node (make-node next) node? (next node-next set-node-next!))
(let loop ((i 0)) (when (< i $n) $expr (loop (+ i 1))))
SCM
    /usr/bin/time -f "%M" -o "$tmp/rss$n" "$bin" -s "$tmp/m.scm" >/dev/null
  done
  a=$(cat "$tmp/rss200000"); b=$(cat "$tmp/rss2000000")
  r=$(python3 -c "print(round($b/$a, 2))")
  printf '%-18s %12s %12s %7s\n' "$name" "$a" "$b" "$r"
done
