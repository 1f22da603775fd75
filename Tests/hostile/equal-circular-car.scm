; expect 0
(define a (list 1)) (set-car! a a)
(define b (list 1)) (set-car! b b)
(define v (vector 1)) (vector-set! v 0 v)
(define w (vector 1)) (vector-set! w 0 w)
(print (equal? a b) " " (equal? v w))
