;; irregex-replace/all over a 50 MB log: mask the client addresses.
(import (chicken irregex) (chicken io) (chicken process-context))
(define text (with-input-from-file (car (command-line-arguments)) (lambda () (read-string #f))))
(print (string-length (irregex-replace/all '(: bol (+ digit) #\. (+ digit) #\. (+ digit) #\. (+ digit)) text "x.x.x.x")))
