; expect 70: a macro whose expansion nests deeper each step
(define-syntax g (syntax-rules () ((_ x) (g (x)))))
(g 1)
