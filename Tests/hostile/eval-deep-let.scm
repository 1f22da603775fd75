; expect 0
(define x (let loop ((i 0) (x 1)) (if (= i 1000000) x (loop (+ i 1) (list (quote let) (list) x)))))
(print (handle-exceptions e (condition? e) (eval x)))
