;;; callcc-loop -- continuations captured in a loop: in tail position (each shares the
;;; segments of the one before, a chain as long as the loop) and in argument position
;;; (each dropped when its call returns), with escapes through them.
(define (tail-captures n)
  (let f ((n n))
    (if (= n 0) 0 (call/cc (lambda (k) (f (- n 1)))))))
(define (escapes n)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (call/cc (lambda (k) (if (even? i) (k 1) 2))))))))
(define ok
  (let loop ((r 0) (t #t))
    (if (= r 5)
        t
        (loop (+ r 1) (and t (= (tail-captures 100000) 0) (= (escapes 100000) 150000))))))
(print "callcc-loop " (if ok "ok" "WRONG"))
