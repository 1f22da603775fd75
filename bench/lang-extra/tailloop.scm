;;; tailloop -- a 10,000,000-iteration tail loop.
(define (loop i acc) (if (= i 0) acc (loop (- i 1) (+ acc 1))))
(print "tailloop " (if (= (loop 10000000 0) 10000000) "ok" "WRONG"))
