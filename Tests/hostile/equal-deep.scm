; expect 0
(define (nest n) (let loop ((i 0) (x (quote ()))) (if (= i n) x (loop (+ i 1) (list x)))))
(print (equal? (nest 1000000) (nest 1000000)))
