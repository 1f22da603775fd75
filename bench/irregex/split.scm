;; irregex-split of 1,000,000 lines.
(import (chicken irregex) (chicken io) (chicken process-context))
(define text (with-input-from-file (car (command-line-arguments)) (lambda () (read-string #f))))
(print (length (irregex-split "\n" text)))
