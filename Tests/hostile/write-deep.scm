; expect 0
(define x (let loop ((i 0) (x (quote ()))) (if (= i 1000000) x (loop (+ i 1) (list x)))))
(print (string-length (with-output-to-string (lambda () (write x)))))
