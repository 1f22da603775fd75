; expect 0
(define x (let loop ((i 0) (x 0)) (if (= i 300000) x (loop (+ i 1) (let ((t (make-thread (lambda () 1)))) (thread-specific-set! t x) t)))))
(set! x #f) (print "ok")
