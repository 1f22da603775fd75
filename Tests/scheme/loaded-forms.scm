(define a 1)
(display "x")
(+ 1 2)
