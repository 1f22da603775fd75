; expect 0
(define x (let loop ((i 0) (x 0)) (if (= i 300000) x (loop (+ i 1) (let ((h (make-hash-table))) (hash-table-set! h 1 x) h)))))
(set! x #f) (print "ok")
