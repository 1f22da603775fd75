; expect 0: an er-macro returning a circular list
(define-syntax c (er-macro-transformer (lambda (f r cmp) (let ((l (list (quote +) 1 2))) (set-cdr! (cddr l) (cdr l)) l))))
(print (handle-exceptions e (condition? e) (eval (quote (c)))))
