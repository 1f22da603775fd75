; expect 0: boxes (captured, assigned variables) nested a million deep
(define (box v) (lambda (m) (if m (set! v m) v)))
(define x (let loop ((i 0) (x 0)) (if (= i 1000000) x (loop (+ i 1) (box x)))))
(set! x #f) (print "ok")
