#!/usr/bin/env bash
# Peak memory while a loop makes short-lived reference cycles: the peak must stay flat
# between 200,000 and 2,000,000 iterations (target: ratio <= 1.3).
#   usage: bench/memory.sh [path/to/csi-swift]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../.build/release/csi-swift}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
prog() {
  cat <<SCM
(define-record-type node (make-node next) node? (next node-next set-node-next!))
(define (closure-cycle i) (let ((self #f)) (set! self (lambda () (cons i self))) self))
(define (record-cycle) (let ((n (make-node #f))) (set-node-next! n n) n))
(define (list-cycle i) (let ((l (list i i))) (set-cdr! (cdr l) l) l))
(define (letrec-closures i) (letrec ((ping (lambda (k) (if (= k 0) i (pong (- k 1))))) (pong (lambda (k) (ping k)))) ping))
(let loop ((i 0))
  (when (< i $1)
    (closure-cycle i) (record-cycle) (list-cycle i) (letrec-closures i)
    (loop (+ i 1))))
(print "done")
SCM
}
for n in 200000 2000000; do
  prog $n > "$tmp/m$n.scm"
  /usr/bin/time -f "%M" -o "$tmp/rss$n" "$bin" -s "$tmp/m$n.scm" >/dev/null
done
a=$(cat "$tmp/rss200000"); b=$(cat "$tmp/rss2000000")
echo "peak RSS: 200,000 iterations ${a} KB; 2,000,000 iterations ${b} KB; ratio $(python3 -c "print(round($b/$a, 2))")"
