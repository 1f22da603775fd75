; expect 0
(define x (let loop ((i 0) (x 0)) (if (= i 1000000) x (loop (+ i 1) (vector x)))))
(print (string-length (with-output-to-string (lambda () (display x)))))
