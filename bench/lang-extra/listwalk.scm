;;; listwalk -- build and walk lists; vector loops.
(define (build n acc) (if (= n 0) acc (build (- n 1) (cons n acc))))
(define (sum l acc) (if (null? l) acc (sum (cdr l) (+ acc (car l)))))
(define (vec-sum v i acc) (if (= i (vector-length v)) acc (vec-sum v (+ i 1) (+ acc (vector-ref v i)))))
(define (run k total)
  (if (= k 0) total
      (let* ((l (build 100000 '())) (v (list->vector l)))
        (run (- k 1) (+ total (sum l 0) (vec-sum v 0 0))))))
(print "listwalk " (if (= (run 50 0) 500005000000) "ok" "WRONG"))
