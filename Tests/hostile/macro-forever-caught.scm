; expect 0
(define-syntax m (syntax-rules () ((_) (m))))
(print (handle-exceptions e (condition? e) (eval (quote (m)))))
