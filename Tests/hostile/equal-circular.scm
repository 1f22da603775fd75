; expect 0
(define a (list 1 2 3)) (set-cdr! (cddr a) a)
(define b (list 1 2 3)) (set-cdr! (cddr b) b)
(define c (list 1 2 4)) (set-cdr! (cddr c) c)
(print (equal? a b) " " (equal? a c))
