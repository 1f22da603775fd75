; expect 0
(define s (apply string-append (append (make-list 1000000 "#(") (make-list 1000000 ")"))))
(print (vector? (read (open-input-string s))))
