; expect 0
(define x (let loop ((i 0) (x 0)) (if (= i 1000000) x (loop (+ i 1) (lambda () x)))))
(set! x #f) (print "ok")
