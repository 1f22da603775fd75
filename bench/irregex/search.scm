;; irregex-fold over a 50 MB log: count the failed API calls.
(import (chicken irregex) (chicken io) (chicken process-context))
(define text (with-input-from-file (car (command-line-arguments)) (lambda () (read-string #f))))
(define rx (irregex "\"(GET|POST) /api/([a-z]+)/([0-9]+) HTTP/1\\.[01]\" (5[0-9][0-9])"))
(print (irregex-fold rx (lambda (i m n) (+ n 1)) 0 text))
