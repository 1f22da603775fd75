; expect 0
(define (nest n) (let loop ((i 0) (x 0)) (if (= i n) x (loop (+ i 1) (vector x)))))
(print (equal? (nest 1000000) (nest 1000000)))
