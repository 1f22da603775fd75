; expect 0
(define s (string-append (make-string 1000000 #\x27) "x"))
(print (pair? (read (open-input-string s))))
