; expect 0
(define s (string-append (make-string 1000000 #\() (make-string 1000000 #\))))
(print (pair? (read (open-input-string s))))
