; expect 0
(define x (let loop ((i 0) (x 0)) (if (= i 300000) x (loop (+ i 1) (call/cc (lambda (k) (list k x)))))))
(set! x #f) (print "ok")
