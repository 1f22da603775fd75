; expect 0
(define s (make-string 1000000 #\())
(print (condition? (handle-exceptions e e (read (open-input-string s)))))
