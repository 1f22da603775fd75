; expect 0
(define x (let loop ((i 0) (x 1)) (if (= i 1000000) x (loop (+ i 1) (list x)))))
(print (handle-exceptions e (condition? e) (pair? (eval (list (quote quasiquote) x)))))
