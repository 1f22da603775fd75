; expect 0
;; A record printer that prints its own record nests printer calls without end: bounded by
;; the native stack (the innermost falls back to #<kons>), never a stack overflow.
(define-record kons x y)
(define-record-printer (kons r out) (display "<" out) (display r out) (display ">" out))
(define s (with-output-to-string (lambda () (display (make-kons 1 2)))))
(print (string? s))
