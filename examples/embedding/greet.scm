;;; Run by the embedding demo: uses the host's native procedure and value, and a thread.
(define (greeting who) (string-append "hello, " who ", from " host-name))
(print "words: " (host-word-count "the quick brown fox"))
(define t (thread-start! (make-thread (lambda () (* 6 7)))))
(print "thread says " (thread-join! t))
(print "tcp unit present: " (procedure? tcp-connect))
