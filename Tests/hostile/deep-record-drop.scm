; expect 0
(define-record-type node (make-node next) node? (next node-next))
(define x (let loop ((i 0) (x 0)) (if (= i 1000000) x (loop (+ i 1) (make-node x)))))
(set! x #f) (print "ok")
