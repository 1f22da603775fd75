;;; Bignums: factorial of 1000, 1000 times.
(define (fact n) (let loop ((i 1) (acc 1)) (if (> i n) acc (loop (+ i 1) (* acc i)))))
(define r 0)
(do ((k 0 (+ k 1))) ((= k 1000)) (set! r (fact 1000)))
(print "fact1000 ok " (string-length (number->string r)))
