; expect 0
(define x (let loop ((i 0) (x (quote ()))) (if (= i 1000000) x (loop (+ i 1) (list x)))))
(define h (make-hash-table))
(hash-table-set! h x 1)
(print (hash-table-ref/default h x 0) " " (equal-hash x))
