; expect 70: a macro that expands to itself forever
(define-syntax m (syntax-rules () ((_) (m))))
(m)
