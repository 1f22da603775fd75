; expect 0
(print (handle-exceptions e (condition? e) (substring=? "abc" "abc" 4)))
