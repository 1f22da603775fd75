; expect 0
;; Found by the fuzzer (seed 4, input ~254,000): a macro transformer that names a local
;; variable of the code around it was compiled as toplevel code and read past its
;; environment (a Swift index trap). It is CHICKEN's "unbound variable" now.
(print (handle-exceptions e (condition? e)
         (eval '(let ((x 1)) (define-syntax m (er-macro-transformer (lambda (f r c) x))) (m)))))
(print (let-syntax ((foo (er-macro-transformer (lambda (f r c) 42))))
         (let () (define-syntax bar (er-macro-transformer (lambda (f r c) '(foo)))) (bar))))
