; expect 0: dropping the last reference to a 3,000,000-deep nested list
(define x (let loop ((i 0) (x (quote ()))) (if (= i 3000000) x (loop (+ i 1) (list x)))))
(set! x #f) (print "ok")
