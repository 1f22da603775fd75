; expect 0: a million datum comments in a row, then nested ones that run out of data
(define s (apply string-append (append (make-list 1000000 "#;1 ") (list "2"))))
(print (read (open-input-string s)))
(define t (apply string-append (make-list 1000000 "#;")))
(print (condition? (handle-exceptions e e (read (open-input-string t)))))
