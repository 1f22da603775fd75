; expect 0
(define x (let loop ((i 0) (x 1)) (if (= i 100000) x (loop (+ i 1) (list (quote quasiquote) x)))))
(print (handle-exceptions e (condition? e) (pair? (eval x))))
